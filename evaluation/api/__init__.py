"""REST API of the evaluation app (serializers and viewsets); routes in ``evaluation.api_urls``."""
