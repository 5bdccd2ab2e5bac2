from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .cache import kader_om_te_lezen


@login_required
@require_safe
def handreiking(request, kader_id=None):
    """The published kader to read: the newest handreiking unless another kader is asked for."""
    gelezen = kader_om_te_lezen(kader_id)
    if gelezen is None:
        raise Http404("Er is geen gepubliceerd kader met dit nummer." if kader_id else "Er is nog geen handreiking.")
    kader, andere_kaders = gelezen
    return render(request, "elementen/handreiking.html", {"kader": kader, "andere_kaders": andere_kaders})
