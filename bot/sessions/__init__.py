"""Session state: the session store (memory or Redis) and the conversation event bus."""
