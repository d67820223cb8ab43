"""Command line: `python -m site_tools check FILE` (or `-` for standard input) prints the verdict as JSON.

    python -m site_tools check profile.json
    echo '{"medi_cal": "managed_care"}' | python -m site_tools check -
    python -m site_tools schema          # the profile contract as JSON Schema

A bad profile exits with status 2 and one line per problem: `FILE:LINE: key: expected X, got Y`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .data import load_rules
from .profile import ProfileError, profile_schema, read_profile
from .questions import open_questions
from .rules import evaluate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_tools", description="Check a client profile against the FAQ's enrollment rules.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="print the verdict for a profile (JSON)")
    check.add_argument("file", help="a JSON profile, or - for standard input")
    check.add_argument("--rules", type=Path, help="rules data (JSON) to use instead of the packaged one")
    check.add_argument("--questions", action="store_true", help="also list the questions that can still change the verdict")
    commands.add_parser("schema", help="print the profile contract as JSON Schema")
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(profile_schema(), indent=2))
        return 0
    name = "<stdin>" if args.file == "-" else args.file
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{name}:1: (profile): expected a readable UTF-8 JSON file, got {error.__class__.__name__}: {error}", file=sys.stderr)
        return 2
    try:
        profile = read_profile(text, name)
    except ProfileError as error:
        print(error, file=sys.stderr)
        return 2
    data = load_rules(args.rules.read_text(encoding="utf-8") if args.rules else None)
    output = evaluate(profile, data).to_json()
    if args.questions:
        output = {**output, "questions": open_questions(profile, data)}
    print(json.dumps(output, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
