package cdcdemo.users.user;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface UserRepository extends ListCrudRepository<User, Long>, ListPagingAndSortingRepository<User, Long> {

	boolean existsByEmailIgnoreCase(String email);

}
