"""The word lists graphkit's stages share, kept in one place.

Extraction (:mod:`graphkit.extract`), mention finding and resolution
(:mod:`graphkit.resolve`) read the same English words: which entity types are
actors, which pronouns refer to whom, which verbs report speech, which words
are titles. Each list lives here once, so the stages cannot disagree.

>>> "say" in REPORTING_VERBS and "he" in MALE_PRONOUNS
True
"""

from __future__ import annotations

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
"""spaCy entity types that can be actors, in the order a user is told them (``--aliases`` types)."""

TYPE_PRECEDENCE = ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC")
"""The type a name gets when its votes tie: a person before a state before an organisation."""

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
FIRST_PERSON_PRONOUNS = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ourselves"})
"""Inside a quotation, the speaker ("'We have seen ...', Lavrov said": we is Lavrov's side, drawn as Lavrov)."""
GROUP_PRONOUNS = frozenset({"its", "itself"})
"""Pronouns of a state or organisation ("it" as a subject that refers is found by its parse)."""

POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "my", "your", "whose"})
"""Owners that name no actor by themselves: "his trip" is no relation between actors."""

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})

REFERRING_WORDS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who",
                             "which", "what", "one", "ones", "there", "here"})
"""Words that only point at something else: never a concept node on their own."""

ARTICLES = frozenset({"the", "a", "an"})
CONCEPT_DETERMINERS = ARTICLES | frozenset({"this", "that", "these", "those", "its", "his", "her", "their", "our",
                                            "my", "your", "some", "any", "every"})
"""Words dropped from the front of a concept: "the chemical attack" is the concept "chemical attack"."""

REPORTING_VERBS = frozenset({
    "say", "tell", "add", "claim", "state", "insist", "maintain", "warn", "argue", "announce",
    "declare", "assert", "report", "write", "note", "explain", "stress", "deny", "suggest", "believe",
    "think", "reply", "respond", "confirm", "allege", "acknowledge", "admit", "predict",
})
"""Lemmas of verbs that report speech or thought: their clausal object is what the subject said."""

STAFF_NOUNS = frozenset({"aide", "adviser", "advisor", "official", "spokesman", "spokeswoman", "spokesperson",
                         "staff", "lawyer", "attorney", "assistant", "secretary", "office"})
"""People who speak for a principal: "Trump's aides said the President ..." is about Trump."""

PERSON_TITLES = frozenset({
    "president", "minister", "premier", "chancellor", "king", "queen", "prince", "ambassador", "envoy",
    "secretary", "senator", "governor", "spokesman", "spokeswoman", "leader", "commander", "mayor",
    "emir", "sultan", "monarch", "dictator", "pope",
})
"""Lower-case nouns that name one person's office ("the president"), not a body ("the army")."""

NAME_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "president", "minister", "secretary", "general", "prime", "foreign", "senator",
    "gov", "governor", "king", "queen", "prince", "sheikh", "chancellor", "premier", "ambassador", "envoy", "leader",
    "vice", "deputy", "state",
})
"""Words in front of a person's name that are not part of it ("Mr Putin", "Foreign Minister Lavrov")."""

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Lord", "Lady", "Sir", "Dame", "Prince", "Princess", "King", "Queen",
              "Dr", "Prof", "Professor", "Baroness", "Baron", "Rev", "Revd")
"""Words before a name that make it a person's name (with or without a full stop: "Mr." or "Mr")."""

MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "baron", "prince", "king", "duke", "earl", "brother", "father",
                             "uncle"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "madam", "madame", "lady", "dame", "baroness", "princess",
                               "queen", "duchess", "countess", "sister", "mother", "aunt"})
"""Words before a name that tell a person's gender ("Mrs Howard", "Lord Falconer")."""

DEPARTMENT_WORDS = frozenset({
    "home", "shadow", "health", "education", "defence", "defense", "trade", "transport", "environment", "culture",
    "work", "pensions", "treasury", "northern", "ireland", "scottish", "welsh",
})
"""Words of a British office's name before its title ("Home Secretary", "Shadow Health Secretary")."""

OFFICE_WORDS = DEPARTMENT_WORDS | frozenset({
    "prime", "foreign", "deputy", "chief", "general", "vice", "finance", "justice", "interior", "attorney", "first",
    "party", "opposition", "cabinet", "secretary", "state", "constitutional", "affairs", "commons", "lords", "house",
    "of", "for", "and",
})
"""Words inside an office's name: "the prime minister", "the home secretary", "the shadow health secretary"."""

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})

NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "del", "der", "van", "von", "le",
                            "la"})
"""Lower-case words inside names that do not tell two people apart ("Bashar al-Assad", "Bashar Assad")."""

LOCAL_NOUNS = frozenset({
    "police", "policeman", "mayor", "council", "councillor", "councilor", "street", "resident", "inhabitant",
    "citizen", "airport", "metro", "subway", "underground", "tube", "suburb", "outskirt", "hospital", "school",
    "university", "district", "neighbourhood", "neighborhood", "borough", "square", "park", "river", "port",
    "harbour", "harbor", "bridge", "station", "museum", "zoo", "stadium", "club", "hotel", "restaurant", "cafe",
    "bar", "nightlife", "skyline", "traffic", "transport", "bus", "taxi", "road", "centre", "center", "downtown",
    "landmark", "cathedral", "church", "mosque", "synagogue", "prefect", "prefecture", "firefighter",
    "population", "homeless", "housing", "smog", "pollution", "marathon", "brigade", "hall",
})
"""Nouns a city owns as a place, not as a state ("Paris's police", "Moscow's suburbs"), as spaCy's
lemmas: a capital that possesses one of these is the city; one that possesses anything else
may act for its state ("Moscow's allies", "Washington's decision")."""

_PERSON_NOUNS = (
    "person", "man", "woman", "boy", "girl", "child", "baby", "teenager", "adult", "father", "mother", "parent", "son",
    "daughter", "brother", "sister", "husband", "wife", "uncle", "aunt", "cousin", "grandfather", "grandmother",
    "friend", "neighbour", "neighbor", "judge", "lawyer", "prosecutor", "defendant", "suspect", "victim", "witness",
    "official", "officer", "soldier", "spokesman", "spokeswoman", "spokesperson", "minister", "leader", "member",
    "mp", "politician", "candidate", "voter", "player", "coach", "manager", "worker", "employee", "doctor", "nurse",
    "patient", "teacher", "student", "pupil", "farmer", "driver", "pilot", "journalist", "reporter", "critic",
    "expert", "analyst", "source", "aide", "adviser", "advisor", "diplomat", "protester", "activist", "resident",
    "citizen", "passenger", "tourist", "fan", "owner", "chairman", "director", "executive", "boss", "actor",
    "actress", "singer", "artist", "writer", "author", "team", "family", "couple", "crew", "group", "gang", "jury",
    "panel", "committee", "squad",
)
PERSON_NOUNS = frozenset(
    _PERSON_NOUNS
    + tuple(w[:-3] + "men" if w.endswith("man") else w + "es" if w.endswith(("ch", "sh", "s")) else w + "s"
            for w in _PERSON_NOUNS)
    + ("people", "children", "families", "wives", "police", "staff", "crowd", "public")
)
"""Nouns, singular and plural, for a person or a group of people ("the judge", "his father", "the team").
A description headed by one stands for whoever the document means, so it is a concept of its own
document: "the judge" of two articles is two judges. (WordNet's noun.person/noun.group classes would
say the same for more words; it is not installed, so this list is short and explicit.)"""
