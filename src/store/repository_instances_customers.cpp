// The repositories of the customer and what is done with them (see the end of repository.hpp).

#include "store/repository.hpp"

namespace kam::store {

template class Repository<Account>;
template class Repository<Contact>;
template class Repository<Activity>;
template class Repository<Feedback>;
template class Repository<Task>;

}  // namespace kam::store
