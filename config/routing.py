"""Every WebSocket route of the project, gathered from the apps' ``routing`` modules."""

from django.urls import path

from config.consumers import PingConsumer
from interviews.routing import websocket_urlpatterns as interviews_websocket_urlpatterns

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    *interviews_websocket_urlpatterns,
]
