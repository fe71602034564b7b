package cdcdemo.onboarding.user;

/**
 * The emails a user gets from this service, each at most once.
 */
enum EmailKind {

	WELCOME, EXIT_SURVEY

}
