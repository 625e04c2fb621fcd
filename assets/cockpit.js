/* Cockpit page script: small and dependency-free.
 * - Plotly: a dcc.Graph on a live page loads the basic partial bundle (scatter/bar) instead of
 *   the full one (dashboard pages draw their charts as server-rendered SVG, no Plotly).
 * - Swap: once Dash has rendered, drop the server-painted copy of the page.
 * - Offline: register the service worker and show the banner when figures come from cache.
 * - Title: follow the page heading on in-app navigation.
 * - Question screen: dictation through the browser's speech recognition, where it exists.
 */
(function () {
  "use strict";

  // RawHtml (cockpit/ui/components/raw_html.py): a static part of a page, HTML from the server.
  if (window.React) {
    window.cockpit = window.cockpit || {};
    window.cockpit.RawHtml = function RawHtml(props) {
      var attributes = Object.assign({}, props.attributes || {});
      if (props.id) { attributes.id = props.id; }
      attributes.dangerouslySetInnerHTML = { __html: props.html || "" };
      return window.React.createElement(props.tag || "div", attributes);
    };
  }

  // A session that ended (idle, logged out elsewhere, account disabled) while a live page
  // stays open: Dash's next request is refused with a 401, and the login page, coming back
  // here afterwards, says more than Dash's error bubble.
  if (window.fetch) {
    var fetchFromPage = window.fetch.bind(window);
    window.fetch = function (resource, options) {
      return fetchFromPage(resource, options).then(function (response) {
        var url = new URL(typeof resource === "string" ? resource : resource.url, location.href);
        if (response.status === 401 && url.origin === location.origin &&
            url.pathname.indexOf("/_dash-") === 0) {
          location.assign("/login?next=" + encodeURIComponent(location.pathname + location.search));
        }
        return response;
      });
    };
  }

  // Links inside the live app navigate in-app, as dcc.Link does; the language switch, the
  // logout confirmation and anything else outside the app's pages load for real.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }
    var link = event.target.closest && event.target.closest("#react-entry-point a[href]");
    if (!link || link.target || link.hasAttribute("download")) { return; }
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/lang/") === 0 ||
        url.pathname === "/logout") { return; }
    if (url.pathname === location.pathname && url.search === location.search && url.hash) { return; }
    event.preventDefault();
    window.history.pushState({}, "", url.pathname + url.search);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  });
  // Question screen (cockpit/ui/pages/question.py): its forms post to /question; ask for
  // JSON and put the answer in place instead of loading the page again.
  function askScreen() { return document.querySelector(".frame .ask"); }

  function showAnswer(screen, data) {
    var form = screen.querySelector(".ask-form");
    var chip = screen.querySelector(".ask-followup");
    screen.querySelector(".ask-answer").innerHTML = data.card;
    screen.querySelector(".ask-recent").innerHTML = data.history;
    form.elements.context.value = data.context;
    form.elements.question.value = data.question;
    form.elements.question.placeholder = data.placeholder;
    chip.querySelector(".ask-followup-text").textContent = data.followup || "";
    chip.hidden = !data.followup;
    // An example or a last question is tapped below the answer: bring the answer into view.
    var answer = screen.querySelector(".ask-answer");
    var top = answer.getBoundingClientRect().top;
    if (data.card && (top < 0 || top > window.innerHeight * 0.6)) {
      answer.scrollIntoView({ block: "start" });
    }
  }

  function answerFailed(screen, offline) {
    var card = document.createElement("section");
    card.className = "panel ask-card ask-refused";
    card.textContent = screen.getAttribute(offline ? "data-offline" : "data-failed");
    screen.querySelector(".ask-answer").replaceChildren(card);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var screen = askScreen();
    if (!screen || !form.hasAttribute("data-ask") || !window.fetch) { return; }
    event.preventDefault();
    if (screen.getAttribute("aria-busy") === "true") { return; }
    var body = new FormData(form);
    screen.setAttribute("aria-busy", "true");
    if (document.activeElement && document.activeElement.blur) {
      document.activeElement.blur();  // on a phone, close the keyboard: the answer is below
    }
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                         headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) { window.location.href = "/login?next=/question"; }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { showAnswer(screen, data); })
      .catch(function () { answerFailed(screen, !navigator.onLine); })
      .then(function () { screen.removeAttribute("aria-busy"); });
  });

  // « Nouvelle question »: forget the context in place.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".ask-new");
    var screen = askScreen();
    if (!link || !screen) { return; }
    event.preventDefault();
    var form = screen.querySelector(".ask-form");
    showAnswer(screen, { card: "", history: screen.querySelector(".ask-recent").innerHTML,
                         context: "", question: "", followup: null,
                         placeholder: form.getAttribute("data-placeholder") });
    form.elements.question.focus();
  }, true);

  // The microphone fills the box with what the browser's speech recognition heard, then
  // asks. Hidden (CSS, html.can-speak) where the browser cannot listen.
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (Recognition) { document.documentElement.classList.add("can-speak"); }

  function listen(mic) {
    var form = mic.form;
    var status = askScreen() && askScreen().querySelector(".ask-mic-status");
    function say(text) { if (status) { status.textContent = text || ""; } }
    if (mic.recognition) { mic.recognition.stop(); return; }
    var recognition = new Recognition();
    recognition.lang = mic.getAttribute("data-lang") || "fr-FR";
    recognition.interimResults = true;
    recognition.maxAlternatives = 1;
    var heard = "";
    recognition.onresult = function (event) {
      var interim = "";
      heard = "";
      for (var i = 0; i < event.results.length; i++) {
        var result = event.results[i];
        if (result.isFinal) { heard += result[0].transcript; } else { interim += result[0].transcript; }
      }
      form.elements.question.value = (heard + interim).trim();
    };
    recognition.onerror = function (event) {
      var denied = event.error === "not-allowed" || event.error === "service-not-allowed";
      say(mic.getAttribute(denied ? "data-denied" : "data-failed"));
      heard = "";
    };
    recognition.onend = function () {
      mic.recognition = null;
      mic.setAttribute("aria-pressed", "false");
      if (!heard.trim()) { return; }
      say("");
      form.elements.question.value = heard.trim();
      form.querySelector(".ask-go").click();
    };
    mic.recognition = recognition;
    mic.setAttribute("aria-pressed", "true");
    say(mic.getAttribute("data-listening"));
    recognition.start();
  }

  document.addEventListener("click", function (event) {
    var mic = event.target.closest && event.target.closest(".ask-mic");
    if (mic && Recognition) { listen(mic); }
  });

  var PLOTLY = "/assets/vendor/plotly-basic-4.1.1.min.js";
  // dcc.Graph loads window._dashPlotlyJSURL when Plotly is absent; the renderer sets it to
  // the full bundle on mount, so pin it to the partial one.
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () { return PLOTLY; },
    set: function () {}
  });

  var root = document.documentElement;
  var servedStale = root.classList.contains("is-offline");

  function setOffline(on) { root.classList.toggle("is-offline", on); }

  // Offline, a page never opened before has no figures to show: say so for a few seconds.
  function notSeenYet() {
    var toast = document.getElementById("cockpit-toast");
    if (!toast) {
      toast = document.createElement("div");
      toast.id = "cockpit-toast";
      toast.className = "toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    toast.textContent = root.lang === "en"
      ? "Offline: this page has not been opened on this device yet."
      : "Hors ligne : cette page n'a pas encore été ouverte sur cet appareil.";
    toast.classList.add("on");
    clearTimeout(notSeenYet.timer);
    notSeenYet.timer = setTimeout(function () { toast.classList.remove("on"); }, 4000);
  }

  function followTitle() {
    var h1 = document.querySelector("#react-entry-point h1") || document.querySelector("#ssr h1");
    if (h1) { document.title = h1.textContent + " · Cockpit"; }
  }

  function watchApp() {
    var app = document.getElementById("react-entry-point");
    if (!app || typeof MutationObserver === "undefined") { return; }
    var pending = false;
    new MutationObserver(function () {
      // Runs right after Dash's first commit, before that frame is painted: the live copy
      // replaces the server-painted one without a blank frame or a layout shift.
      if (!root.classList.contains("live") && app.querySelector(".frame")) {
        root.classList.add("live");
        var ssr = document.getElementById("ssr");
        if (ssr) { ssr.parentNode.removeChild(ssr); }
      }
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; followTitle(); });
    }).observe(app, { childList: true, subtree: true });
  }

  window.addEventListener("offline", function () { setOffline(true); });
  window.addEventListener("online", function () { if (!servedStale) { setOffline(false); } });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var kind = event.data && event.data.type;
      if (kind === "stale") { servedStale = true; setOffline(true); }
      if (kind === "fresh") { servedStale = false; setOffline(!navigator.onLine); }
      if (kind === "missing") { setOffline(true); notSeenYet(); }
    });
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { followTitle(); watchApp(); });
  } else {
    followTitle();
    watchApp();
  }
})();
