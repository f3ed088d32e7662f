"""The ways users reach planqa: one package per channel, on a channel-neutral chat core.

- `core/`: the chat engine (commands, questions to the pipeline, replies for a phone), sessions,
  message splitting, the answer source, the runtime shared by chat channels, the `Channel` type.
- `web/`: the HTTP ask API, its event stream and the embeddable widget.
- `zalo_oa/`: Zalo Official Account (signed webhook, customer-service messages, token refresh).
- `zalo_bot/`: Zalo Bot Platform (webhook, Bot API client, long polling, `planqa zalo-bot`).

Each channel package has `settings.py` (its section of the settings tree), `routes.py` (its
inbound routes and its `CHANNEL`) and, when it sends messages itself, `client.py` with a
`make_client` factory. api.app lists the channels it serves. Package `__init__` modules stay
empty, so importing a channel's settings never imports its routes.
"""
