"""The shopper web API: the FastAPI app (chat, SSE, WebSocket, sessions, health) and the widget."""
