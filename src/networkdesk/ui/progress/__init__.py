"""Progress: the networking funnel and touches per week, the coverage of target companies,
and the warm path to a contact (installed by `ui.bootstrap` as the "progress" feature)."""
