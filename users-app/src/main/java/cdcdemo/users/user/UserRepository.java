package cdcdemo.users.user;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface UserRepository extends ListCrudRepository<User, Long>, ListPagingAndSortingRepository<User, Long> {

	boolean existsByEmailIgnoreCase(String email);

	boolean existsByEmailIgnoreCaseAndIdNot(String email, long id);

	Page<User> findByFirstNameContainingIgnoreCaseOrLastNameContainingIgnoreCaseOrEmailContainingIgnoreCase(
			String firstName, String lastName, String email, Pageable pageable);

	/**
	 * One page of the users whose first name, last name or email contains the text,
	 * ignoring case; all users when the text is empty. The text is a bound parameter with
	 * its LIKE wildcards escaped, never part of the SQL.
	 * @param text what to look for, never {@code null}
	 * @param pageable which page, in which order
	 * @return the page
	 */
	default Page<User> search(String text, Pageable pageable) {
		if (text.isEmpty()) {
			return findAll(pageable);
		}
		return findByFirstNameContainingIgnoreCaseOrLastNameContainingIgnoreCaseOrEmailContainingIgnoreCase(text, text,
				text, pageable);
	}

}
