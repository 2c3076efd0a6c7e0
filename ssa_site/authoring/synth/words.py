"""Word banks for synthetic plans: plausible, plainly fictional text drawn from a seed.

Nothing here is random by itself: every function takes a :class:`random.Random`, so the
same seed always gives the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from random import Random

NATION_START = ("Ar", "Bel", "Cor", "Dal", "Es", "Fen", "Gar", "Hol", "Ist", "Jor", "Kel")
NATION_MIDDLE = ("an", "er", "ov", "is", "um", "ad", "or", "en", "ic", "al")
NATION_END = ("ia", "and", "ova", "istan", "ea", "ur", "onia", "ara")

#: Real ISO 3166-1 alpha-3 codes, so that the map can place fictional nations (the
#: synthetic site says on every page that it is fictional).
COUNTRIES = (
    "AGO", "ALB", "ARG", "ARM", "BEN", "BFA", "BGD", "BIH", "BOL", "BRA", "CIV", "CMR",
    "COL", "CRI", "DOM", "ECU", "EGY", "ETH", "GEO", "GHA", "GIN", "GTM", "HND", "IDN",
    "IRQ", "JOR", "KAZ", "KEN", "KGZ", "KHM", "LBN", "LBR", "LKA", "MAR", "MDA", "MDG",
    "MEX", "MKD", "MLI", "MNE", "MNG", "MOZ", "MRT", "MWI", "NER", "NGA", "NPL", "PAK",
    "PAN", "PER", "PHL", "PNG", "PRY", "SEN", "SLE", "SLV", "SRB", "TCD", "TGO", "THA",
    "TJK", "TLS", "TUN", "TZA", "UGA", "UKR", "UZB", "VNM", "ZMB", "ZWE",
)  # fmt: skip

SECTORS = (
    ("border", "Border agencies", "interdict illicit goods and people at ports of entry"),
    ("justice", "Courts and prosecutors", "process criminal cases within legal time limits"),
    ("policing", "The national police", "respond to calls for service in every district"),
    ("maritime", "The coast guard", "patrol the territorial waters and board suspect vessels"),
    ("corrections", "The prison service", "hold detainees safely and prepare them for release"),
    ("finance", "Financial investigators", "trace, freeze and recover the proceeds of crime"),
    ("integrity", "The police inspectorate", "decide complaints against officers promptly"),
    ("cyber", "The cybercrime unit", "investigate online fraud and attacks on networks"),
    ("prevention", "Municipal councils", "prevent violence among young people"),
    ("defence", "Defence institutions", "plan and account for their budgets openly"),
)

OBJECTS = (
    "cases",
    "officers",
    "patrols",
    "inspections",
    "complaints",
    "seizures",
    "detainees",
    "investigations",
    "districts",
    "municipalities",
)
UNITS = ("cases", "officers", "patrols", "inspections", "complaints", "seizures", "days")
ADJECTIVES = ("trained", "certified", "completed", "resolved", "inspected", "reported")
VERBS = ("strengthen", "extend", "professionalise", "modernise", "sustain", "coordinate")
PLACES = ("the capital", "the northern provinces", "the coastal districts", "the border zone")
IMPLEMENTERS = (
    "Meridian Security Partners",
    "Caldwell Justice Institute",
    "Civic Safety Alliance",
    "Harbour Standards Group",
    "Northgate Policing Consultants",
    "Larchmont Evaluation Group",
)
EVALUATORS = ("Larchmont Evaluation Group", "Aldermoor Associates", "Fernhill Research")

#: Disaggregation dimensions and their categories (values.csv columns).
DIMENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sex", ("female", "male")),
    ("region", ("Capital", "North", "South", "East", "West")),
    ("age", ("under 25", "25-44", "45 and over")),
)


def nation(rng: Random) -> str:
    return rng.choice(NATION_START) + rng.choice(NATION_MIDDLE) + rng.choice(NATION_END)


def sentence(rng: Random, subject: str) -> str:
    """One sentence about a subject, e.g. a sector of a fictional nation."""
    return (
        f"{subject} {rng.choice(VERBS)} their work in {rng.choice(PLACES)}, so that more "
        f"{rng.choice(OBJECTS)} are {rng.choice(ADJECTIVES)} each year."
    )


def paragraph(rng: Random, subject: str, sentences: int = 3) -> str:
    lines = [sentence(rng, subject) for _ in range(sentences)]
    lines.append(
        f"The partner government funds {rng.randint(20, 80)} percent of the recurrent "
        "costs, and the assistance pays for training, equipment and mentoring."
    )
    return " ".join(lines)
