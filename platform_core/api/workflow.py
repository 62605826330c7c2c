"""Shared API pieces for stateful resources: ``POST {id}/transition/`` and ``GET {id}/history/``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from platform_core.workflow.engine import history, transition, workflow_for
from platform_core.workflow.models import TransitionLog


class TransitionRequestSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=60)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class TransitionLogSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = TransitionLog
        fields = ["id", "action", "from_state", "to_state", "actor", "reason", "created_at", "working_days"]

    def get_actor(self, obj: TransitionLog) -> str | None:
        return str(obj.actor) if obj.actor_id else None


class WorkflowActionsMixin:
    """Adds the transition and history endpoints to a ModelViewSet.

    ``get_object()`` applies the viewset's visibility (404 for records one may not see); the workflow
    engine then checks the move (409) and the actor's permission (403). A viewset may override
    ``perform_transition`` to call its app's service instead of the bare engine.
    """

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return transition(type(obj), obj.pk, action=action_name, actor=self.request.user, reason=reason)

    @extend_schema(request=TransitionRequestSerializer, responses={200: TransitionLogSerializer})
    @action(detail=True, methods=["post"], url_path="transition")
    def transition(self, request: Request, pk=None) -> Response:
        obj = self.get_object()
        payload = TransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = self.perform_transition(
            obj, action_name=payload.validated_data["action"], reason=payload.validated_data["reason"]
        )
        last = history(updated).last()
        wf = workflow_for(updated)
        return Response(
            {"state": wf.state_of(updated), "log": TransitionLogSerializer(last).data if last else None}
        )

    @extend_schema(responses={200: TransitionLogSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="history", pagination_class=None, filter_backends=[])
    def history(self, request: Request, pk=None) -> Response:
        obj = self.get_object()
        return Response(TransitionLogSerializer(history(obj), many=True).data)
