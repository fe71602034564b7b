package cdcdemo.onboarding.survey;

/**
 * Where a survey link stands: open for its one answer, answered, or past
 * {@code onboarding.survey.valid-for} since its email was sent.
 */
enum SurveyState {

	OPEN, ANSWERED, EXPIRED

}
