"""A minimal authenticated echo used by health checks and the ASGI routing tests."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer


class PingConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        await self.accept()

    async def receive_json(self, content, **kwargs) -> None:
        await self.send_json({"type": "pong", "echo": content.get("echo")})
