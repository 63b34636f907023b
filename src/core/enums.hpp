#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kam {

// Every enumeration the domain stores. Each value has a stable code (what the database and
// the API carry) and Chinese and English labels (what people read).
template <class E>
struct EnumLabel {
  E value;
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

template <class E>
struct EnumInfo;  // specialised below: static constexpr std::array<EnumLabel<E>, N> labels

enum class Ownership {
  kStateOwned,
  kCollective,
  kPrivate,
  kJointVenture,
  kForeign,
  kGovernment,
  kPublicInstitution
};
template <>
struct EnumInfo<Ownership> {
  static constexpr std::string_view name = "ownership";
  static constexpr std::array<EnumLabel<Ownership>, 7> labels{{
      {Ownership::kStateOwned, "state_owned", "国有", "State-owned"},
      {Ownership::kCollective, "collective", "集体", "Collective"},
      {Ownership::kPrivate, "private", "民营(个体)", "Private"},
      {Ownership::kJointVenture, "joint_venture", "合资", "Joint venture"},
      {Ownership::kForeign, "foreign", "外资", "Foreign-owned"},
      {Ownership::kGovernment, "government", "政府机关", "Government body"},
      {Ownership::kPublicInstitution, "public_institution", "事业单位", "Public institution"},
  }};
};

enum class AccountStatus { kProspect, kActive, kDormant, kLost, kArchived };
template <>
struct EnumInfo<AccountStatus> {
  static constexpr std::string_view name = "status";
  static constexpr std::array<EnumLabel<AccountStatus>, 5> labels{{
      {AccountStatus::kProspect, "prospect", "潜在客户", "Prospect"},
      {AccountStatus::kActive, "active", "活跃", "Active"},
      {AccountStatus::kDormant, "dormant", "休眠", "Dormant"},
      {AccountStatus::kLost, "lost", "流失", "Lost"},
      {AccountStatus::kArchived, "archived", "已归档", "Archived"},
  }};
};

// Why a customer was lost (流失原因, METHODS.md §9), in the order of the reference
// distribution (closure 1% … our indifference to them 68%); the shares themselves are churn
// rules data (analytics/churn.hpp), not fixed here.
enum class ChurnReason {
  kClosure,
  kMoved,
  kPreferenceChange,
  kReferredElsewhere,
  kCheaperElsewhere,
  kDissatisfied,
  kIndifference
};
template <>
struct EnumInfo<ChurnReason> {
  static constexpr std::string_view name = "churn_reason";
  static constexpr std::array<EnumLabel<ChurnReason>, 7> labels{{
      {ChurnReason::kClosure, "closure", "死亡/倒闭", "Death or closure"},
      {ChurnReason::kMoved, "moved", "迁移", "Moved away"},
      {ChurnReason::kPreferenceChange, "preference_change", "偏好改变", "Changed preference"},
      {ChurnReason::kReferredElsewhere, "referred_elsewhere", "被介绍到别处", "Referred elsewhere"},
      {ChurnReason::kCheaperElsewhere, "cheaper_elsewhere", "别处更便宜", "Cheaper elsewhere"},
      {ChurnReason::kDissatisfied, "dissatisfied", "对产品不满", "Dissatisfied with the product"},
      {ChurnReason::kIndifference, "indifference", "冷漠对待", "Indifference towards them"},
  }};
};

// Government and party bodies are key accounts by rank, whatever they spend (METHODS §3).
enum class Importance { kNone, kNational, kProvincial, kMunicipal, kCounty };
template <>
struct EnumInfo<Importance> {
  static constexpr std::string_view name = "importance";
  static constexpr std::array<EnumLabel<Importance>, 5> labels{{
      {Importance::kNone, "none", "无", "None"},
      {Importance::kNational, "national", "国家级", "National"},
      {Importance::kProvincial, "provincial", "省级", "Provincial"},
      {Importance::kMunicipal, "municipal", "市级", "Municipal"},
      {Importance::kCounty, "county", "县级", "County"},
  }};
};

enum class AccountSource {
  kIndustryConference,
  kOwnProspecting,
  kReferral,
  kAdvertising,
  kRepeatPurchase,
  kWebsite,
  kTradeShow,
  kOther
};
template <>
struct EnumInfo<AccountSource> {
  static constexpr std::string_view name = "source";
  static constexpr std::array<EnumLabel<AccountSource>, 8> labels{{
      {AccountSource::kIndustryConference, "industry_conference", "行业会议",
       "Industry conference"},
      {AccountSource::kOwnProspecting, "own_prospecting", "主动发掘", "Own prospecting"},
      {AccountSource::kReferral, "referral", "老客户推荐", "Customer referral"},
      {AccountSource::kAdvertising, "advertising", "广告反馈", "Advertising response"},
      {AccountSource::kRepeatPurchase, "repeat_purchase", "追加购买", "Repeat purchase"},
      {AccountSource::kWebsite, "website", "网站", "Website"},
      {AccountSource::kTradeShow, "trade_show", "展会", "Trade show"},
      {AccountSource::kOther, "other", "其他", "Other"},
  }};
};

enum class UserRole { kAdministrator, kSalesDirector, kSalesManager, kAccountManager, kAnalyst };
template <>
struct EnumInfo<UserRole> {
  static constexpr std::string_view name = "role";
  static constexpr std::array<EnumLabel<UserRole>, 5> labels{{
      {UserRole::kAdministrator, "administrator", "系统管理员", "Administrator"},
      {UserRole::kSalesDirector, "sales_director", "销售总监", "Sales director"},
      {UserRole::kSalesManager, "sales_manager", "销售经理", "Sales manager"},
      {UserRole::kAccountManager, "account_manager", "客户经理", "Account manager"},
      {UserRole::kAnalyst, "analyst", "分析员(只读)", "Analyst (read-only)"},
  }};
};

enum class ActivityKind { kVisit, kCall, kLetter, kEmail, kMeeting, kBanquet, kOther };
template <>
struct EnumInfo<ActivityKind> {
  static constexpr std::string_view name = "kind";
  static constexpr std::array<EnumLabel<ActivityKind>, 7> labels{{
      {ActivityKind::kVisit, "visit", "拜访", "Visit"},
      {ActivityKind::kCall, "call", "电话", "Call"},
      {ActivityKind::kLetter, "letter", "信函", "Letter"},
      {ActivityKind::kEmail, "email", "邮件", "Email"},
      {ActivityKind::kMeeting, "meeting", "会议", "Meeting"},
      {ActivityKind::kBanquet, "banquet", "宴请", "Banquet"},
      {ActivityKind::kOther, "other", "其他", "Other"},
  }};
};

// How the customer was served: 坐商 waits in the store, 行商 goes to the customer, 电商 online.
enum class Channel { kStore, kField, kOnline };
template <>
struct EnumInfo<Channel> {
  static constexpr std::string_view name = "channel";
  static constexpr std::array<EnumLabel<Channel>, 3> labels{{
      {Channel::kStore, "store", "坐商", "Store"},
      {Channel::kField, "field", "行商", "Field"},
      {Channel::kOnline, "online", "电商", "Online"},
  }};
};

enum class FeedbackKind { kComplaint, kPraise, kSuggestion };
template <>
struct EnumInfo<FeedbackKind> {
  static constexpr std::string_view name = "kind";
  static constexpr std::array<EnumLabel<FeedbackKind>, 3> labels{{
      {FeedbackKind::kComplaint, "complaint", "投诉", "Complaint"},
      {FeedbackKind::kPraise, "praise", "表扬", "Praise"},
      {FeedbackKind::kSuggestion, "suggestion", "建议", "Suggestion"},
  }};
};

// How urgent feedback is to handle; its deadline follows from the key-moment rules'
// feedback_deadlines (days after it was received, per severity).
enum class FeedbackSeverity { kLow, kNormal, kHigh, kUrgent };
template <>
struct EnumInfo<FeedbackSeverity> {
  static constexpr std::string_view name = "severity";
  static constexpr std::array<EnumLabel<FeedbackSeverity>, 4> labels{{
      {FeedbackSeverity::kLow, "low", "一般", "Low"},
      {FeedbackSeverity::kNormal, "normal", "重要", "Normal"},
      {FeedbackSeverity::kHigh, "high", "严重", "High"},
      {FeedbackSeverity::kUrgent, "urgent", "紧急", "Urgent"},
  }};
};

// Handling (督办): received → in hand → resolved → confirmed by the customer ("closed").
enum class FeedbackStatus { kOpen, kInProgress, kResolved, kClosed };
template <>
struct EnumInfo<FeedbackStatus> {
  static constexpr std::string_view name = "status";
  static constexpr std::array<EnumLabel<FeedbackStatus>, 4> labels{{
      {FeedbackStatus::kOpen, "open", "待处理", "Open"},
      {FeedbackStatus::kInProgress, "in_progress", "处理中", "In progress"},
      {FeedbackStatus::kResolved, "resolved", "已解决", "Resolved"},
      {FeedbackStatus::kClosed, "closed", "客户已确认", "Confirmed by customer"},
  }};
};

enum class ContractStatus { kDraft, kActive, kExpired, kTerminated };
template <>
struct EnumInfo<ContractStatus> {
  static constexpr std::string_view name = "status";
  static constexpr std::array<EnumLabel<ContractStatus>, 4> labels{{
      {ContractStatus::kDraft, "draft", "草拟", "Draft"},
      {ContractStatus::kActive, "active", "履行中", "Active"},
      {ContractStatus::kExpired, "expired", "已到期", "Expired"},
      {ContractStatus::kTerminated, "terminated", "已终止", "Terminated"},
  }};
};

// Buy classes (购买类型, METHODS §6): how much is new to the customer in this purchase.
enum class BuyClass { kStraightRebuy, kModifiedRebuy, kNewTask };
template <>
struct EnumInfo<BuyClass> {
  static constexpr std::string_view name = "buy_class";
  static constexpr std::array<EnumLabel<BuyClass>, 3> labels{{
      {BuyClass::kStraightRebuy, "straight_rebuy", "直接重购", "Straight rebuy"},
      {BuyClass::kModifiedRebuy, "modified_rebuy", "修正重购", "Modified rebuy"},
      {BuyClass::kNewTask, "new_task", "新购", "New task"},
  }};
};

// An influencer's attitude to us (态度, METHODS §6): A recommends us … E opposes us.
enum class Attitude { kA, kB, kC, kD, kE };
template <>
struct EnumInfo<Attitude> {
  static constexpr std::string_view name = "attitude";
  static constexpr std::array<EnumLabel<Attitude>, 5> labels{{
      {Attitude::kA, "A", "推荐", "Recommends us"},
      {Attitude::kB, "B", "支持", "Supports us"},
      {Attitude::kC, "C", "认可", "Accepts us"},
      {Attitude::kD, "D", "怀疑", "Doubts us"},
      {Attitude::kE, "E", "反对", "Opposes us"},
  }};
};

template <class E>
constexpr const EnumLabel<E>& label_of(E value) {
  for (const auto& l : EnumInfo<E>::labels)
    if (l.value == value) return l;
  return EnumInfo<E>::labels[0];  // unreachable for a valid enumerator
}

template <class E>
constexpr std::string_view code_of(E value) {
  return label_of(value).code;
}

// Accepts the code or either label ("private", "民营(个体)", "Private").
template <class E>
std::optional<E> enum_from_text(std::string_view text) {
  for (const auto& l : EnumInfo<E>::labels)
    if (l.code == text || l.zh == text || l.en == text) return l.value;
  return std::nullopt;
}

// "one of: state_owned, collective, ..." for error messages.
template <class E>
std::string enum_choices() {
  std::string out = "one of:";
  for (const auto& l : EnumInfo<E>::labels) {
    out += ' ';
    out += l.code;
  }
  return out;
}

}  // namespace kam
