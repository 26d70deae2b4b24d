"""The agent-assist panel: logins, conversation views, take over / reply / hand back, staff tools."""
