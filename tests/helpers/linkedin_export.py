"""Sample LinkedIn data exports ("Get a copy of your data"), shaped like real ones of each era.

2024 (and 2020 on): `Connections.csv` with its "Notes:" preamble and URL column; `messages.csv`
with CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, RECIPIENT PROFILE URLS, TO,
DATE (`2024-03-14 09:12:45 UTC`), SUBJECT, CONTENT, FOLDER, ATTACHMENTS; `Invitations.csv` with
From, To, Sent At (`3/14/24, 9:12 AM`), Message, Direction, inviterProfileUrl,
inviteeProfileUrl; `Company Follows.csv` (Organization, Followed On); `Profile.csv`; and the
members nobody imports (Skills, Positions, Jobs/...).

2018: no preamble, no URL, `urn:li:member` ids for hidden e-mails, `messages.csv` as From, To,
Date (`6/14/18, 10:05 AM`), Subject, Content, Direction (INCOMING/OUTGOING), no Profile.csv.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

OWNER = ("Sam", "Okafor")
OWNER_URL = "https://www.linkedin.com/in/sam-okafor"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."\n'
    "\n"
)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def members_2024() -> dict[str, str]:
    connections = PREAMBLE + _csv(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [
            [
                "Priya",
                "Raman",
                "https://www.linkedin.com/in/priya-raman-4a1b2c",
                "",
                "Northwind Traders",
                "Senior Product Manager",
                "15 Mar 2024",
            ],
            [
                "José",
                "Muñoz",
                "https://www.linkedin.com/in/josemunoz",
                "jose.munoz@example.com",
                "Acme, Inc.",
                "Staff Engineer",
                "02 Jan 2023",
            ],
            [
                "Chen",
                "Wei",
                "https://www.linkedin.com/in/chenwei88",
                "",
                "Initech",
                'Director, "Platform" Engineering',
                "30 Sep 2023",
            ],
            [
                "Ingrid",
                "Larsen",
                "https://www.linkedin.com/in/ingrid-larsen",
                "",
                "",
                "",
                "05 May 2019",
            ],
        ],
    )
    me = f"{OWNER[0]} {OWNER[1]}"
    messages = _csv(
        [
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "RECIPIENT PROFILE URLS",
            "TO",
            "DATE",
            "SUBJECT",
            "CONTENT",
            "FOLDER",
            "ATTACHMENTS",
            "IS MESSAGE DRAFT",
        ],
        [
            [
                "2-ZmQ1",
                "",
                me,
                OWNER_URL,
                "https://www.linkedin.com/in/priya-raman-4a1b2c",
                "Priya Raman",
                "2024-03-16 09:12:45 UTC",
                "Coffee?",
                "Hi Priya,\nwould you have 20 minutes for a coffee next week?",
                "INBOX",
                "",
                "No",
            ],
            [
                "2-ZmQ1",
                "",
                "Priya Raman",
                "https://www.linkedin.com/in/priya-raman-4a1b2c",
                OWNER_URL,
                me,
                "2024-03-18 17:40:02 UTC",
                "RE: Coffee?",
                "Sure, Tuesday works.",
                "INBOX",
                "",
                "No",
            ],
            [
                "2-YjE3",
                "",
                "José Muñoz",
                "https://www.linkedin.com/in/josemunoz",
                OWNER_URL,
                me,
                "2023-02-01 08:00:00 UTC",
                "",
                "Thanks for connecting!",
                "INBOX",
                "",
                "No",
            ],
            # A recruiter who is not a connection: not a contact, left out and counted.
            [
                "2-Nzk5",
                "Sponsored",
                "Rita Recruiter",
                "https://www.linkedin.com/in/rita-r",
                OWNER_URL,
                me,
                "2024-01-05 10:00:00 UTC",
                "Exciting role",
                "Are you open?",
                "INBOX",
                "",
                "No",
            ],
            # A draft never sent: not a touch.
            [
                "2-ZmQ1",
                "",
                me,
                OWNER_URL,
                "https://www.linkedin.com/in/priya-raman-4a1b2c",
                "Priya Raman",
                "2024-03-19 07:00:00 UTC",
                "",
                "Draft",
                "DRAFT",
                "",
                "Yes",
            ],
        ],
    )
    invitations = _csv(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        [
            [
                me,
                "Chen Wei",
                "9/29/23, 4:05 PM",
                "Enjoyed your talk at PyCon!",
                "OUTGOING",
                OWNER_URL,
                "https://www.linkedin.com/in/chenwei88",
            ],
            [
                "Ingrid Larsen",
                me,
                "5/4/19, 11:30 AM",
                "",
                "INCOMING",
                "https://www.linkedin.com/in/ingrid-larsen",
                OWNER_URL,
            ],
        ],
    )
    follows = _csv(
        ["Organization", "Followed On"],
        [
            ["Northwind Traders", "Sat Mar 16 09:10:11 UTC 2024"],
            ["Globex", "Mon Jan 08 12:00:00 UTC 2024"],
            ["Umbrella Health", "Tue Feb 13 08:00:00 UTC 2024"],
        ],
    )
    profile = _csv(
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        [
            [
                OWNER[0],
                OWNER[1],
                "",
                "",
                "",
                "Product person",
                "",
                "Software",
                "",
                "Berlin",
                "",
                "",
                "",
            ]
        ],
    )
    return {
        "Connections.csv": connections,
        "messages.csv": messages,
        "Invitations.csv": invitations,
        "Company Follows.csv": follows,
        "Profile.csv": profile,
        "Skills.csv": _csv(["Name"], [["Python"], ["Product Management"]]),
        "Positions.csv": _csv(["Company Name", "Title", "Started On"], [["Acme", "PM", "2020"]]),
        "Jobs/Job Applications.csv": _csv(["Application Date", "Company Name"], [["x", "y"]]),
    }


def members_2018() -> dict[str, str]:
    connections = _csv(
        ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
        [
            [
                "Hannah",
                "Schmidt",
                "hannah.schmidt@example.de",
                "Siemens, AG",
                "Werkstudentin",
                "12/24/17, 11:02 AM",
            ],
            ["Omar", "Haddad", "urn:li:member:1127", "", "", "3/3/17, 9:00 AM"],
        ],
    )
    messages = _csv(
        ["From", "To", "Date", "Subject", "Content", "Direction"],
        [
            [
                "Sam Okafor",
                "Hannah Schmidt",
                "6/14/18, 10:05 AM",
                "Hallo",
                "Hi Hannah, quick question about Siemens.",
                "OUTGOING",
            ],
            ["Hannah Schmidt", "Sam Okafor", "6/15/18, 8:47 PM", "Re: Hallo", "Gerne!", "INCOMING"],
            ["Omar Haddad", "Sam Okafor", "7/1/18, 12:00 PM", "", "Congrats!", "INCOMING"],
        ],
    )
    invitations = _csv(
        ["From", "To", "Sent At", "Message", "Direction"],
        [["Sam Okafor", "Omar Haddad", "3/2/17, 6:00 PM", "", "OUTGOING"]],
    )
    return {
        "Connections.csv": connections,
        "messages.csv": messages,
        "Invitations.csv": invitations,
    }


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(
                name, text.encode("utf-8-sig" if name == "Connections.csv" else "utf-8")
            )
    return path


def write_folder(path: Path, members: dict[str, str]) -> Path:
    for name, text in members.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    return path
