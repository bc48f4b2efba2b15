"""The dataset format: the JSON file that portals and tests exchange (SPEC section 6)."""

from casedu.dataset.format import (
    FORMAT,
    VERSION,
    dataset_from_json_value,
    dataset_to_json,
    dataset_to_json_value,
    load_dataset,
    parse_dataset,
    save_dataset,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "dataset_from_json_value",
    "dataset_to_json",
    "dataset_to_json_value",
    "load_dataset",
    "parse_dataset",
    "save_dataset",
]
