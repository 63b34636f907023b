// The repositories of opportunities, their buying centres, visits and contracts (see the end of
// repository.hpp).

#include "store/repository.hpp"

namespace kam::store {

template class Repository<Opportunity>;
template class Repository<BuyingCenterMember>;
template class Repository<VisitReport>;
template class Repository<SopCheck>;
template class Repository<CompetitorRating>;
template class Repository<Contract>;

}  // namespace kam::store
