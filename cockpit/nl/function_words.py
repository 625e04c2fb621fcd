"""Function words of French and English questions (normalized forms): the glue that
linking skips, and ordinary words that spelling correction must leave alone."""

from __future__ import annotations

from cockpit.nl.normalize import word_set

# Glue between the words of a phrase (« taux *d'* occupation *des* lits »).
GLUE = word_set(
    "de d du des la le les l a au aux en of the pour for et and un une in on at to by per "
    "sur dans avec with from chez ce cet cette ces"
)
# Glue words of one language only: a catalog word equal to one of them (« TO ») is not
# read in a question of that language.
STOPWORDS = {
    "fr": GLUE - {"of", "the", "for", "and", "in", "on", "at", "to", "by", "per", "with", "from"},
    "en": GLUE - {"de", "d", "du", "des", "la", "le", "les", "l", "au", "aux", "en", "pour", "et",
                  "un", "une", "sur", "dans", "avec", "chez", "ce", "cet", "cette", "ces"},
}  # fmt: skip

COMMON = word_set("""
    quel quelle quels quelles combien comment pourquoi quand qui que quoi ou est sont etait
    etaient sera a ont avait avaient fait font faire avoir etre ete donne donner montre montrer
    affiche afficher voir veux voudrais aimerais peux peut pouvez savoir dire dis moi nous on
    vous tu je il elle ils elles y se sa son ses leur leurs mon ma mes notre nos votre vos
    ne n pas plus moins tres bien mal va vont bon quelle s c qu j m t ci la ca cela ceci
    tout tous toute toutes chaque autre autres meme aussi encore deja niveau valeur chiffre
    total totale global globale ensemble hopital clinique cote part partie nombre taux
    what which how many much is are was were be been has have had do does did show give
    me my our we you it its there their this that these those all each every any some
    about between over under per than then also just only total overall whole number rate
    value figure level actuel actuelle actuellement maintenant current now present
    """)


def vocabulary() -> set[str]:
    return set(GLUE) | set(COMMON)
