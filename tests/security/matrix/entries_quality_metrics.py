"""Permission matrix entries: quality_metrics."""

from .core import (
    API_LOGGED_IN,
    API_PUBLIC,
    API_STAFF_ONLY,
    DEFAULT,
    DENIED_API,
    LOGGED_IN,
    PUBLIC,
    STAFF_ONLY,
    WRITE_OK,
    Entry,
)

ENTRIES = [
    Entry("quality-audit-item-list", get=API_STAFF_ONLY),
    Entry(
        "quality-audit-item-detail",
        obj="quality_metrics.AuditItem",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-item-check",
        obj="quality_metrics.AuditItem",
        # no such record in the world (pk 999999): looked up before the body is validated, so 404, not 400
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-detail",
        obj="quality_metrics.ConformityAudit",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-history",
        obj="quality_metrics.ConformityAudit",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-sample",
        obj="quality_metrics.ConformityAudit",
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-audit-transition",
        obj="quality_metrics.ConformityAudit",
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry("quality-complaint-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "quality-complaint-detail",
        obj="complaint",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "quality-complaint-history",
        obj="complaint",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "quality-complaint-investigation",
        obj="complaint",
        post={"anonymous": DENIED_API, "owner": 403, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality-complaint-transition",
        obj="complaint",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality-evaluation-trigger-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality-evaluation-trigger-detail",
        obj="quality_metrics.EvaluationTrigger",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-evaluation-trigger-start",
        obj="quality_metrics.EvaluationTrigger",
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-improvement-action-list",
        get=API_LOGGED_IN,
        post={"anonymous": DENIED_API, DEFAULT: WRITE_OK},
    ),
    Entry(
        "quality-improvement-action-detail",
        obj="improvement",
        get={"anonymous": DENIED_API, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "quality-improvement-action-history",
        obj="improvement",
        get={"anonymous": DENIED_API, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "quality-improvement-action-plan",
        obj="improvement",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality-improvement-action-transition",
        obj="improvement",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("quality-indicator-list", get=API_STAFF_ONLY),
    Entry("quality-indicator-detail", kwargs={"code": "conversion_rate"}, get=API_STAFF_ONLY),
    Entry(
        "quality-platform-evaluation-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-detail",
        obj="quality_metrics.PlatformEvaluation",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-conclusions",
        obj="quality_metrics.PlatformEvaluation",
        # no such record in the world (pk 999999): looked up before the body is validated, so 404, not 400
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-history",
        obj="quality_metrics.PlatformEvaluation",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-panel",
        obj="quality_metrics.PlatformEvaluation",
        # no such record in the world (pk 999999): looked up before the body is validated, so 404, not 400
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-panel-remove",
        obj="quality_metrics.PlatformEvaluation",
        delete={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-suggestions",
        obj="quality_metrics.PlatformEvaluation",
        # no such record in the world (pk 999999): looked up before the body is validated, so 404, not 400
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-platform-evaluation-transition",
        obj="quality_metrics.PlatformEvaluation",
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry("quality-service-case-list", get=API_STAFF_ONLY),
    Entry(
        "quality-service-case-detail",
        obj="quality_metrics.ServiceCase",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-service-star-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality-service-star-detail",
        obj="quality_metrics.ServiceStarEvaluation",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-service-star-history",
        obj="quality_metrics.ServiceStarEvaluation",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-service-star-start-scoring",
        obj="quality_metrics.ServiceStarEvaluation",
        # no such record in the world (pk 999999): looked up before the body is validated, so 404, not 400
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-service-star-transition",
        obj="quality_metrics.ServiceStarEvaluation",
        post={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry("quality-snapshot-list", get=API_STAFF_ONLY),
    Entry(
        "quality-snapshot-detail",
        obj="quality_metrics.MetricSnapshot",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality-snapshot-recompute",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality-survey-campaign-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("quality-survey-campaign-detail", obj="campaign", get=API_STAFF_ONLY),
    Entry(
        "quality-survey-campaign-close",
        obj="campaign",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("quality-survey-campaign-results", obj="campaign", get=API_STAFF_ONLY),
    Entry(
        "quality-survey-campaign-send",
        obj="campaign",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("quality-survey-response-list", get=API_STAFF_ONLY),
    Entry(
        "quality-survey-response-detail",
        obj="quality_metrics.SurveyResponse",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry("quality-survey-template-list", get=API_STAFF_ONLY),
    Entry("quality-survey-template-detail", obj="quality_metrics.SurveyTemplate", get=API_STAFF_ONLY),
    Entry("quality-public-survey-detail", kwargs=lambda w: {"token": w.invitation.token}, get=API_PUBLIC),
    Entry(
        "quality-public-survey-answer",
        kwargs=lambda w: {"token": w.invitation.token},
        post={DEFAULT: WRITE_OK},
    ),
    Entry(
        "quality_metrics:complaint_detail",
        obj="complaint",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:complaint_act",
        obj="complaint",
        get={DEFAULT: 405},
        post={"owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("quality_metrics:my_complaints", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry("quality_metrics:complaint_new", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry(
        "quality_metrics:complaint_track",
        kwargs=lambda w: {"token": w.invitation.token},
        get={DEFAULT: 404},
        post={DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:dashboard",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:action_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:action_detail",
        obj="improvement",
        get={"anonymous": 302, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:action_plan",
        obj="improvement",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:action_act",
        obj="improvement",
        get={DEFAULT: 405},
        post={"staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:action_new",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:audit_item_action",
        obj="quality_metrics.AuditItem",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:audit_item_check",
        obj="quality_metrics.AuditItem",
        get={DEFAULT: 405},
        post={DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:audit_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:audit_detail",
        obj="quality_metrics.ConformityAudit",
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:audit_act",
        obj="quality_metrics.ConformityAudit",
        get={DEFAULT: 405},
        post={DEFAULT: 404},
    ),
    Entry(
        "quality_metrics:audit_new",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:cases",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:complaint_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:complaint_action",
        obj="complaint",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:complaint_investigation",
        obj="complaint",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:funnel_stage",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:indicator_detail",
        kwargs={"code": "conversion_rate"},
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:indicator_export",
        kwargs={"code": "conversion_rate"},
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:evaluation_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:platform_evaluation_detail",
        obj="quality_metrics.PlatformEvaluation",
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry("quality_metrics:evaluation_panel_add", get={DEFAULT: 405}, post={DEFAULT: 404}),
    Entry(
        "quality_metrics:evaluation_panel_remove",
        obj="quality_metrics.PanelMember",
        get={DEFAULT: 405},
        post={DEFAULT: 404},
    ),
    Entry("quality_metrics:evaluation_act", get={DEFAULT: 405}, post={DEFAULT: 404}),
    Entry(
        "quality_metrics:evaluation_new",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:trigger_new",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:trigger_start",
        obj="quality_metrics.EvaluationTrigger",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:recompute",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:quality_reports",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:star_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:service_star_detail",
        obj="quality_metrics.ServiceStarEvaluation",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:star_act",
        obj="quality_metrics.ServiceStarEvaluation",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:star_new",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:star_template",
        get={"anonymous": 302, "admin": 200, DEFAULT: 403},
        post={"anonymous": 302, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:snapshots_export",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:campaign_list",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:campaign_detail",
        obj="campaign",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:campaign_close",
        obj="campaign",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:campaign_send",
        obj="campaign",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:campaign_new",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:response_detail",
        obj="campaign",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:complaint_from_response",
        obj="campaign",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "quality_metrics:survey_answer",
        kwargs=lambda w: {"token": w.invitation.token},
        get=PUBLIC,
        post={DEFAULT: WRITE_OK},
    ),
]
