package cdcdemo.domains.stats;

/**
 * One line of the statistics, as the page and {@code GET /api/domains} show it.
 *
 * @param domain the part of the email address after the {@code @}, in lower case
 * @param users how many users have an address there
 */
record DomainCount(String domain, long users) {
}
