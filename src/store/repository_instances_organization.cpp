// The repositories of users, teams and the product catalogue (see the end of repository.hpp).

#include "store/repository.hpp"

namespace kam::store {

template class Repository<User>;
template class Repository<Team>;
template class Repository<ProductLine>;
template class Repository<Product>;

}  // namespace kam::store
