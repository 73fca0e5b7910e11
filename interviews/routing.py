"""WebSocket routes of the interviews app (gathered in ``config.routing``)."""

from django.urls import path

from interviews.consumers import LiveCoachConsumer

websocket_urlpatterns = [
    path("ws/interviews/<int:session_id>/live/", LiveCoachConsumer.as_asgi()),
]
