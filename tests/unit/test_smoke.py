from networkdesk.services import contacts


def test_add_and_find_contact_accent_insensitively(session) -> None:
    contacts.add(session, "Jürgen Müller", company="Acme")
    found = contacts.summaries(session, contacts.ContactFilter(search="MULLER"))
    assert [row["name"] for row in found] == ["Jürgen Müller"]
