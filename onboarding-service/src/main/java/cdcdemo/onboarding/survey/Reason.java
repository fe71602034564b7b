package cdcdemo.onboarding.survey;

/**
 * Why a user left, as the survey offers it; the label is in {@code messages.properties}
 * ({@code survey.reason.*}).
 */
enum Reason {

	NOT_USEFUL, TOO_EXPENSIVE, HARD_TO_USE, MISSING_FEATURE, SWITCHED, PRIVACY, OTHER

}
