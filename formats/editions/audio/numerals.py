"""Numbers written for the eye, rewritten as they are said: ranges, years, dates, money.

- a range "10-15" or "2011–2012" is said "10 to 15", "2011 to 2012";
- a year from 1100 to 1999 is said in pairs, "nineteen ninety" (engines say "one thousand nine
  hundred and ninety"); later years are left to the engine ("two thousand and eleven");
- a date "27 November 2026" is said "the twenty-seventh of November 2026";
- money "£5.50" is said "5 pounds 50", "£1,000" "1,000 pounds".
"""

from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                  "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_ORDINAL_TENS = {2: "twentieth", 3: "thirtieth"}

_RANGE = re.compile(r"(?<![\d.,/:-])(?!0\d)(\d{1,4})\s*[-–—]\s*(\d{1,4})(?![\d.,/:]\d|\d|-)")
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({'|'.join(MONTHS)})\b")
_YEAR = re.compile(r"(?<![\d.,£$€-])\b(1[1-9]\d\d)\b(?![.,]\d|%|\s*(?:pounds|per cent))")
_POUNDS = re.compile(r"£\s*(\d[\d,]*)(?:\.(\d\d))?\b")


def cardinal(number: int) -> str:
    """Return a number from 0 to 99 in words: "twenty-seven"."""
    if number < 20:
        return _UNITS[number] or "zero"
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def ordinal(number: int) -> str:
    """Return a day of the month (1 to 31) as an ordinal in words: "twenty-seventh"."""
    if number < 20:
        return _ORDINAL_UNITS[number]
    tens, units = divmod(number, 10)
    if not units:
        return _ORDINAL_TENS[tens]
    return f"{_TENS[tens]}-{_ORDINAL_UNITS[units]}"


def year_words(year: int) -> str:
    """Return a year from 1100 to 1999 as said: "nineteen ninety", "nineteen oh five",
    "nineteen hundred"."""
    century, rest = divmod(year, 100)
    if rest == 0:
        return f"{cardinal(century)} hundred"
    if rest < 10:
        return f"{cardinal(century)} oh {cardinal(rest)}"
    return f"{cardinal(century)} {cardinal(rest)}"


def _date(match: re.Match[str]) -> str:
    day = int(match.group(1))
    if not 1 <= day <= 31:
        return match.group(0)
    return f"the {ordinal(day)} of {match.group(2)}"


def _pounds(match: re.Match[str]) -> str:
    whole, pence = match.group(1), match.group(2)
    unit = "pound" if whole == "1" else "pounds"
    return f"{whole} {unit} {pence}" if pence and pence != "00" else f"{whole} {unit}"


def say_numbers(text: str) -> str:
    """Return ``text`` with its ranges, years, dates and sums of money as they are said."""
    text = _POUNDS.sub(_pounds, text)
    text = _DATE.sub(_date, text)
    text = _RANGE.sub(r"\1 to \2", text)
    return _YEAR.sub(lambda match: year_words(int(match.group(1))), text)
