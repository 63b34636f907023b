// The enumeration codes that forms offer as choices, as the API carries them
// (src/core/enums.hpp); their labels are in the locale files under `enum.<name>.<code>`.
export const ENUMS = {
  ownership: [
    'state_owned',
    'collective',
    'private',
    'joint_venture',
    'foreign',
    'government',
    'public_institution',
  ],
  accountStatus: ['prospect', 'active', 'dormant', 'lost', 'archived'],
  /** Why a lost account went (only a lost account has one). */
  churnReason: [
    'closure',
    'moved',
    'preference_change',
    'referred_elsewhere',
    'cheaper_elsewhere',
    'dissatisfied',
    'indifference',
  ],
  importance: ['none', 'national', 'provincial', 'municipal', 'county'],
  /** Roles a contact plays in a buying centre (src/core/opportunity.hpp kBuyingRoles). */
  buyingRole: [
    'user',
    'influencer',
    'buyer',
    'decider',
    'gatekeeper',
    'core_decider',
    'assisting_decider',
    'technical_gatekeeper',
    'key_user',
    'champion',
    'insider',
  ],
  source: [
    'industry_conference',
    'own_prospecting',
    'referral',
    'advertising',
    'repeat_purchase',
    'website',
    'trade_show',
    'other',
  ],
  activityKind: ['visit', 'call', 'letter', 'email', 'meeting', 'banquet', 'other'],
  channel: ['store', 'field', 'online'],
  /** A contract is drafted, in force (active), then expired or terminated (src/core/enums.hpp). */
  contractStatus: ['draft', 'active', 'expired', 'terminated'],
  feedbackKind: ['complaint', 'praise', 'suggestion'],
  /** A complaint, praise or suggestion is open, in progress, resolved, then confirmed by the customer (closed). */
  feedbackStatus: ['open', 'in_progress', 'resolved', 'closed'],
  /** How urgent handling is; the deadline follows from it (key-moment rules). */
  feedbackSeverity: ['low', 'normal', 'high', 'urgent'],
} as const;
