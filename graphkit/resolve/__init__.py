"""Entity resolution: mentions in, one :class:`~graphkit.types.Entity` per actor out."""
