"""Storage behind Protocols: see `index.stores.base`."""
