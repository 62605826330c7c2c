app_name = "quality_metrics"

urlpatterns: list = []
