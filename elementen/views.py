from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Kader


@login_required
def handreiking(request, kader_id=None):
    """The published kader to read: the newest handreiking unless another kader is asked for."""
    kaders = Kader.objects.gepubliceerd().met_inhoud().order_by("-gepubliceerd_op")
    if kader_id is not None:
        kader = get_object_or_404(kaders, pk=kader_id)
    else:
        kader = kaders.filter(soort=Kader.Soort.HANDREIKING).first()
        if kader is None:
            raise Http404("Er is nog geen gepubliceerde handreiking.")
    andere_kaders = Kader.objects.gepubliceerd().exclude(pk=kader.pk).only("titel", "versie")
    return render(request, "elementen/handreiking.html", {"kader": kader, "andere_kaders": andere_kaders})
