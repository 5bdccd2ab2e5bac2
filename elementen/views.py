from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .cache import instrumenten_om_te_lezen, kader_om_te_lezen
from .models import Kader


@login_required
@require_safe
def handreiking(request, kader_id=None):
    """The published kader to read: the newest handreiking unless another kader is asked for."""
    gelezen = kader_om_te_lezen(kader_id)
    if gelezen is None:
        raise Http404("Er is geen gepubliceerd kader met dit nummer." if kader_id else "Er is nog geen handreiking.")
    kader, andere_kaders = gelezen
    if kader.soort == Kader.Soort.INSTRUMENTEN:
        return redirect(f"{reverse('elementen:instrumenten')}#kader-{kader.pk}")
    context = {
        "kader": kader,
        "andere_kaders": andere_kaders,
        "heeft_instrumenten": any(ander.soort == Kader.Soort.INSTRUMENTEN for ander in andere_kaders),
    }
    return render(request, "elementen/handreiking.html", context)


@login_required
@require_safe
def instrumenten(request):
    """The instruments of the published guides, by guide or (?indeling=element) by element of the handreiking."""
    per_element = request.GET.get("indeling") == "element"
    context = {"inhoud": instrumenten_om_te_lezen(per_element=per_element), "per_element": per_element}
    return render(request, "elementen/instrumenten.html", context)
