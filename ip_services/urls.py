app_name = "ip_services"

urlpatterns: list = []
