/**
 * The exit survey: an unguessable link per leaving user, a page that takes one answer per
 * link, and the answers.
 */
package cdcdemo.onboarding.survey;
