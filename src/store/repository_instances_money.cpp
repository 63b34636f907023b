// The repositories of orders, invoices, payments and the receivable plan (see the end of
// repository.hpp).

#include "store/repository.hpp"

namespace kam::store {

template class Repository<Order>;
template class Repository<OrderLine>;
template class Repository<OrderReturn>;
template class Repository<Invoice>;
template class Repository<Payment>;
template class Repository<ReceivableInstalment>;

}  // namespace kam::store
