"""The arithmetic of a status in words, as the indicator page shows it step by step:
progress from the baseline toward the target, the rating it earns, and the figures and
percentages written as the build's language writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import ACHIEVED, AT_RISK, EPSILON, ON_TRACK
from ssa_site.base.i18n import ENGLISH

if TYPE_CHECKING:
    from ssa_site.analysis.ratings import Thresholds
    from ssa_site.base.i18n import Language


def progress_step(
    actual: float,
    baseline: float,
    target: float,
    direction: str | None,
    steps: list[str],
    language: Language,
) -> float:
    _ = language.gettext
    if direction != "maintain" and abs(target - baseline) > EPSILON:
        progress = (actual - baseline) / (target - baseline)
        steps.append(
            _(
                "Progress = (actual − baseline) ÷ (target − baseline) = (%(actual)s − "
                "%(baseline)s) ÷ (%(target)s − %(baseline)s) = %(gain)s ÷ %(span)s = "
                "%(progress)s"
            )
            % {
                "actual": figure(actual, language),
                "baseline": figure(baseline, language),
                "target": figure(target, language),
                "gain": figure(actual - baseline, language),
                "span": figure(target - baseline, language),
                "progress": signed_percent(progress, language),
            }
        )
        return progress
    maintain = direction == "maintain"
    beyond = (direction == "increase" and actual >= target) or (
        direction == "decrease" and actual <= target
    )
    if beyond or abs(actual - target) <= EPSILON:
        if maintain:
            message = _(
                "Progress: the level is to be maintained, and the actual meets it = %(progress)s"
            )
        else:
            message = _(
                "Progress: the target equals the baseline, and the actual meets it = %(progress)s"
            )
        steps.append(message % {"progress": signed_percent(1.0, language)})
        return 1.0
    if abs(target) <= EPSILON:
        if maintain:
            message = _(
                "Progress: the level is to be maintained, the target is 0 and the actual "
                "is not = %(progress)s"
            )
        else:
            message = _(
                "Progress: the target equals the baseline, the target is 0 and the actual "
                "is not = %(progress)s"
            )
        steps.append(message % {"progress": signed_percent(0.0, language)})
        return 0.0
    progress = max(0.0, 1 - abs(actual - target) / abs(target))
    if maintain:
        message = _(
            "Progress: the level is to be maintained, so 1 − |actual − target| ÷ |target| "
            "= 1 − |%(actual)s − %(target)s| ÷ %(size)s = %(progress)s"
        )
    else:
        message = _(
            "Progress: the target equals the baseline, so 1 − |actual − target| ÷ |target| "
            "= 1 − |%(actual)s − %(target)s| ÷ %(size)s = %(progress)s"
        )
    steps.append(
        message
        % {
            "actual": figure(actual, language),
            "target": figure(target, language),
            "size": figure(abs(target), language),
            "progress": signed_percent(progress, language),
        }
    )
    return progress


def rating_step(progress: float, thresholds: Thresholds, rating: str, language: Language) -> str:
    _ = language.gettext
    words = {
        "progress": signed_percent(progress, language),
        "achieved": signed_percent(thresholds.achieved, language),
        "on_track": signed_percent(thresholds.on_track, language),
        "at_risk": signed_percent(thresholds.at_risk, language),
    }
    if rating == ACHIEVED:
        return _("%(progress)s is at least %(achieved)s: achieved") % words
    if rating == ON_TRACK:
        return _("%(progress)s is at least %(on_track)s but below %(achieved)s: on track") % words
    if rating == AT_RISK:
        return _("%(progress)s is at least %(at_risk)s but below %(on_track)s: at risk") % words
    return _("%(progress)s is below %(at_risk)s: off track") % words


def figure(number: float, language: Language) -> str:
    """A figure of the arithmetic: at most 2 decimals, a true minus sign."""
    text = language.number(round(number, 2) + 0.0)  # + 0.0: no "-0"
    return text.replace("-", "−") if number < 0 else text


def signed_percent(progress: float, language: Language) -> str:
    """A percentage of the arithmetic, with a true minus sign."""
    return percent(progress, language).replace("-", "−")


def percent(fraction: float, language: Language = ENGLISH) -> str:
    """``0.55`` as ``55%``: whole percents, written as ``language`` writes them."""
    whole = language.digits(f"{fraction * 100:.0f}")
    # Translators: a percentage; %(number)s is a whole number, such as 55.
    return language.gettext("%(number)s%%") % {"number": whole}
