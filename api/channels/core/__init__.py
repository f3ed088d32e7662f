"""The channel-neutral chat core that every chat channel (Zalo OA, Zalo Bot, ...) builds on."""
