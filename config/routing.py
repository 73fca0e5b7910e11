"""Every WebSocket route of the project, gathered from the apps' ``routing`` modules."""

from django.urls import path

from config.consumers import PingConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
]
