"""Use cases, one module per area. Each function takes a Session, does one transaction's worth
of work inside it (the caller commits) and raises a domain error with a clear message."""
