package cdcdemo.onboarding.survey;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the survey form posts.
 *
 * @param reason the reason chosen, required
 * @param comment free text, optional
 */
record SurveyForm(@NotNull Reason reason, @Size(max = 2000) String comment) {
}
