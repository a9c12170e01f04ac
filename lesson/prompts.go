// Package lesson holds the prompts and fixed numbers of the thinking-budget
// lesson: the production-planning problem for the budget sweep, the four
// allocation-test prompts of rising complexity, and the city carbon plan
// for the case study.
package lesson

// ProductionPlanning is the budget-sweep prompt: a small linear program
// whose best profit is $3,000 (any plan with 2A + B = 200 and B >= 2A).
const ProductionPlanning = `A workshop makes two products and wants the production plan that earns the most profit.

- Product A costs $20 to make and sells for $50.
- Product B costs $10 to make and sells for $25.
- The production budget is $2,000 in total.
- The storeroom holds at most 250 units altogether.
- Because of demand, the workshop must make at least twice as many units of B as of A.

How many units of A and of B should it make to maximise profit? Set up the problem, solve it step by step, check every constraint, and state the maximum profit.`

// ProductionPlanningBestProfitUSD is the optimum of ProductionPlanning.
const ProductionPlanningBestProfitUSD = 3000

// SweepBudgets are the thinking budgets of the lesson's sweep, in tokens.
var SweepBudgets = []int{1024, 2048, 4096, 8192, 16384}

// AllocationPrompt is one prompt of the allocation test with the class the
// lesson expects for it.
type AllocationPrompt struct {
	Name       string
	Prompt     string
	Complexity string
}

// AllocationPrompts are the four prompts of the allocation test, from the
// simplest to the most complex.
var AllocationPrompts = []AllocationPrompt{
	{
		Name:       "capital",
		Prompt:     "Which city is the capital of France?",
		Complexity: "simple",
	},
	{
		Name:       "rectangle",
		Prompt:     "A rectangle has a perimeter of 30 cm and a width of 5 cm. What is its area? Show the calculation.",
		Complexity: "medium",
	},
	{
		Name: "basic-income",
		Prompt: "Analyse the economic and social effects of introducing a universal basic income in a developed country. " +
			"Weigh the main arguments for and against it, consider labour-market incentives, funding options and inflation risk, " +
			"and explain which trade-offs matter most.",
		Complexity: "complex",
	},
	{
		Name: "traffic-system",
		Prompt: "Design an adaptive traffic-management system for a large city that reacts to congestion in real time. " +
			"Cover the sensor network and data pipeline, the prediction models, the signal-control algorithms, integration with public transport and emergency vehicles, " +
			"privacy and security, failure handling, a phased rollout plan with costs, and how you would measure success. " +
			"Justify the architecture against alternatives and analyse the trade-offs between scalability, latency and reliability.",
		Complexity: "very_complex",
	},
}

// CarbonPlan is the case-study prompt.
const CarbonPlan = `A city of 500,000 people has committed to cutting its carbon emissions in half by 2035.

Draft a practical plan for it. Address transport, buildings, energy supply, industry and waste. For each sector propose concrete policies and technologies, estimate their share of the reduction, and explain how they would be financed. Finish with a year-by-year timeline and the main risks.`

// CaseStudyAnswerTokens is the answer room of each case-study call.
const CaseStudyAnswerTokens = 1500

// AllocationAnswerTokens is the answer room of each allocation-test call.
const AllocationAnswerTokens = 1000

// MaxCaseStudyBudget and the floor MinBudgetTokens bound the case study's
// doubled and halved budgets.
const MaxCaseStudyBudget = 16384
