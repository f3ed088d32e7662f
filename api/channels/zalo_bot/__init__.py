"""Zalo Bot Platform: POST /zalo/bot/webhook, the Bot API client, long polling, `planqa zalo-bot`."""
