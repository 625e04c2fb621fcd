"""The login page and the logout confirmation: server-rendered HTML, French by default,
readable on a phone.

No script at all; styles are inline (allowed by the CSP's style-src).
"""

from __future__ import annotations

from flask import render_template_string

TEXTS = {
    "fr": {
        "title": "Connexion — Cockpit",
        "heading": "Cockpit",
        "subtitle": "Pilotage de l'établissement",
        "username": "Identifiant",
        "password": "Mot de passe",
        "submit": "Se connecter",
        "bad": "Identifiant ou mot de passe incorrect.",
        "locked": "Trop de tentatives. Réessayez dans {minutes} min.",
        "expired": "Le formulaire a expiré, veuillez réessayer.",
        "logged_out": "Vous êtes déconnecté.",
        "other": "English",
        "logout_title": "Déconnexion — Cockpit",
        "logout_question": "Se déconnecter de Cockpit sur cet appareil ?",
        "logout_submit": "Se déconnecter",
        "cancel": "Annuler",
    },
    "en": {
        "title": "Sign in — Cockpit",
        "heading": "Cockpit",
        "subtitle": "Hospital steering dashboard",
        "username": "User name",
        "password": "Password",
        "submit": "Sign in",
        "bad": "Wrong user name or password.",
        "locked": "Too many attempts. Try again in {minutes} min.",
        "expired": "The form expired, please try again.",
        "logged_out": "You are signed out.",
        "other": "Français",
        "logout_title": "Sign out — Cockpit",
        "logout_question": "Sign out of Cockpit on this device?",
        "logout_submit": "Sign out",
        "cancel": "Cancel",
    },
}

HEAD = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="theme-color" content="#1f4e79">
<title>{{ title }}</title>
<style>
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
    font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
    background:#f2f5f9;color:#1b2430}
  main{width:100%;max-width:380px;padding:24px}
  .card{background:#fff;border-radius:14px;padding:28px 24px;
    box-shadow:0 2px 12px rgba(20,40,70,.12)}
  h1{margin:0;font-size:1.6rem;color:#1f4e79}
  p.sub{margin:.2rem 0 1.4rem;color:#5a6675}
  label{display:block;font-weight:600;margin:1rem 0 .35rem}
  input{width:100%;font-size:1rem;padding:.75rem .8rem;border:1px solid #aab4c0;
    border-radius:8px;background:#fff;color:inherit}
  input:focus{outline:3px solid #8db7e8;border-color:#1f4e79}
  button{margin-top:1.5rem;width:100%;min-height:48px;font-size:1.05rem;font-weight:600;
    color:#fff;background:#1f4e79;border:0;border-radius:8px;cursor:pointer}
  button:focus{outline:3px solid #8db7e8}
  .msg{padding:.7rem .8rem;border-radius:8px;margin-bottom:1rem}
  .error{background:#fde8e8;color:#8a1c1c}
  .info{background:#e6f2ea;color:#1d5b33}
  nav{text-align:center;margin-top:1rem}
  nav a{color:#1f4e79}
  a.cancel{display:flex;align-items:center;justify-content:center;min-height:48px;
    margin-top:.5rem;color:#1f4e79}
</style>
</head>
"""

TEMPLATE = (
    HEAD
    + """<body>
<main>
  <div class="card">
    <h1>{{ t.heading }}</h1>
    <p class="sub">{{ t.subtitle }}</p>
    {% if error %}<div class="msg error" role="alert">{{ error }}</div>{% endif %}
    {% if info %}<div class="msg info" role="status">{{ info }}</div>{% endif %}
    <form method="post" action="{{ action }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
      <input type="hidden" name="next" value="{{ next }}">
      <input type="hidden" name="lang" value="{{ lang }}">
      <label for="username">{{ t.username }}</label>
      <input id="username" name="username" value="{{ username }}" autocomplete="username"
             autocapitalize="none" spellcheck="false" required autofocus>
      <label for="password">{{ t.password }}</label>
      <input id="password" name="password" type="password"
             autocomplete="current-password" required>
      <button type="submit">{{ t.submit }}</button>
    </form>
  </div>
  <nav><a href="{{ other_href }}" hreflang="{{ other_lang }}">{{ t.other }}</a></nav>
</main>
</body>
</html>
"""
)

LOGOUT_TEMPLATE = (
    HEAD
    + """<body>
<main>
  <div class="card">
    <h1>{{ t.heading }}</h1>
    {% if error %}<div class="msg error" role="alert">{{ error }}</div>{% endif %}
    <p class="sub">{{ t.logout_question }}</p>
    <form method="post" action="{{ action }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
      <input type="hidden" name="lang" value="{{ lang }}">
      <button type="submit">{{ t.logout_submit }}</button>
    </form>
    <a class="cancel" href="/">{{ t.cancel }}</a>
  </div>
</main>
</body>
</html>
"""
)


def render_login(
    lang: str,
    *,
    csrf_token: str,
    next_path: str,
    action: str,
    other_href: str,
    username: str = "",
    error: str | None = None,
    info: str | None = None,
) -> str:
    return _render(
        TEMPLATE,
        lang,
        "title",
        csrf_token=csrf_token,
        next=next_path,
        action=action,
        username=username,
        error=error,
        info=info,
        other_href=other_href,
        other_lang="en" if lang == "fr" else "fr",
    )


def render_logout(lang: str, *, csrf_token: str, action: str, error: str | None = None) -> str:
    """A one-button form: logging out is a POST with this session's CSRF token, so another
    site cannot log a user out with a link or an image."""
    return _render(LOGOUT_TEMPLATE, lang, "logout_title", csrf_token=csrf_token, action=action,
                   error=error)  # fmt: skip


def _render(template: str, lang: str, title_key: str, **values) -> str:
    return render_template_string(
        template, lang=lang, t=TEXTS[lang], title=TEXTS[lang][title_key], **values
    )
