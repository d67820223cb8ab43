"""Generated client profiles, the same on every run: for property tests and the CPython/Pyodide comparison."""
from __future__ import annotations

import random

from site_tools.profile import BOOLEANS, CHOICES, KEYS, LISTS

DATES = ["2022-01-15", "2022-12-31", "2023-01-01", "2023-06-30", "2023-07-01", "2024-05-05"]


def generated_profiles(count: int, seed: int = 20220401) -> list[dict]:
    rng = random.Random(seed)
    return [random_profile(rng) for _ in range(count)]


def random_profile(rng: random.Random) -> dict:
    profile: dict = {"as_of": rng.choice(DATES)}
    for key in KEYS:
        if key == "as_of" or rng.random() < 0.25:
            continue  # unknown
        if key in BOOLEANS:
            profile[key] = rng.random() < 0.5
        elif key == "tenancy_services_received":
            profile[key] = rng.choice([0, 0, 1, 1, 2, 3])
        elif key in LISTS:
            options = list(CHOICES[key])
            weight = 0.08 if key == "enrolled_in" else 0.25
            profile[key] = [option for option in options if rng.random() < weight]
        else:
            profile[key] = rng.choice(list(CHOICES[key]))
    return profile
