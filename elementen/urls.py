from django.urls import path

from . import views

app_name = "elementen"

urlpatterns = [
    path("", views.handreiking, name="handreiking"),
    path("instrumenten/", views.instrumenten, name="instrumenten"),
    path("kader/<int:kader_id>/", views.handreiking, name="kader"),
]
