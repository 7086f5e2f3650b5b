"""The bull's-eye board: the canvas (`canvas`), what it reads (`loading`), its node items
(`items`, `mirror`), their layout on the rings (`layout`), zoom, drags and drops, the contact
menu, the legend, and the ring-history timeline shown in the contact editor."""
