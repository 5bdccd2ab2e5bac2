from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def start(request):
    """Each role lands where its work is."""
    if request.user.has_perm("gesprekken.add_gesprek"):
        return redirect("gesprekken:mijn_gesprekken")
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("elementen:handreiking")
