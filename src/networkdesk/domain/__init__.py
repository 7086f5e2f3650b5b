"""Entities and rules of the networking method. No Qt, no I/O beyond the ORM mapping."""
