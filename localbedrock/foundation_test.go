package localbedrock_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrock"
	"github.com/aws/aws-sdk-go-v2/service/bedrock/types"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// summary is what the tests compare of a model summary.
type summary struct {
	ID, Arn, Name, Provider string
	Inference               []types.InferenceType
	Status                  types.FoundationModelLifecycleStatus
	Streaming               bool
	In, Out                 []types.ModelModality
}

func summaryOf(s types.FoundationModelSummary) summary {
	return summary{
		ID: aws.ToString(s.ModelId), Arn: aws.ToString(s.ModelArn), Name: aws.ToString(s.ModelName),
		Provider: aws.ToString(s.ProviderName), Inference: s.InferenceTypesSupported,
		Status: s.ModelLifecycle.Status, Streaming: aws.ToBool(s.ResponseStreamingSupported),
		In: s.InputModalities, Out: s.OutputModalities,
	}
}

// Ensure ListFoundationModels lists the registry without end-of-life
// models and applies the filters.
func TestListFoundationModels(t *testing.T) {
	r := start(t, localbedrock.Options{Region: "eu-central-1"})
	client := controlClient(r.URL())
	tests := []struct {
		name    string
		in      *bedrock.ListFoundationModelsInput
		wantIDs []string
	}{
		{"all", &bedrock.ListFoundationModelsInput{}, []string{
			"anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0",
			"anthropic.claude-opus-4-20250514-v1:0", "anthropic.claude-opus-4-5-20251101-v1:0",
			"anthropic.claude-opus-4-6-v1", "anthropic.claude-opus-4-7", "anthropic.claude-opus-5",
			"anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0",
			"anthropic.claude-sonnet-4-6", "anthropic.claude-sonnet-5",
			"anthropic.test-no-thinking", "anthropic.test-on-demand",
		}},
		{"on demand only", &bedrock.ListFoundationModelsInput{ByInferenceType: types.InferenceTypeOnDemand},
			[]string{"anthropic.test-no-thinking", "anthropic.test-on-demand"}},
		{"provider, any case", &bedrock.ListFoundationModelsInput{ByProvider: aws.String("anthropic"), ByInferenceType: types.InferenceTypeOnDemand},
			[]string{"anthropic.test-no-thinking", "anthropic.test-on-demand"}},
		{"other provider", &bedrock.ListFoundationModelsInput{ByProvider: aws.String("Amazon")}, nil},
		{"image output", &bedrock.ListFoundationModelsInput{ByOutputModality: types.ModelModalityImage}, nil},
		{"fine-tuning", &bedrock.ListFoundationModelsInput{ByCustomizationType: types.ModelCustomizationFineTuning}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := client.ListFoundationModels(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range out.ModelSummaries {
				ids = append(ids, aws.ToString(s.ModelId))
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("model IDs (-want +got):\n%s", diff)
			}
		})
	}

	out, err := client.ListFoundationModels(context.Background(), &bedrock.ListFoundationModelsInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := summary{
		ID: "anthropic.claude-sonnet-4-20250514-v1:0", Arn: "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
		Name: "Claude Sonnet 4", Provider: "Anthropic", Inference: []types.InferenceType{"INFERENCE_PROFILE"},
		Status: types.FoundationModelLifecycleStatusLegacy, Streaming: true,
		In: []types.ModelModality{"TEXT", "IMAGE"}, Out: []types.ModelModality{"TEXT"},
	}
	if diff := cmp.Diff(want, summaryOf(out.ModelSummaries[7])); diff != "" {
		t.Errorf("Sonnet 4 summary (-want +got):\n%s", diff)
	}
}

// Ensure GetFoundationModel describes a model and refuses end-of-life,
// unknown and profile IDs with ResourceNotFoundException.
func TestGetFoundationModel(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := controlClient(r.URL())

	out, err := client.GetFoundationModel(context.Background(), &bedrock.GetFoundationModelInput{
		ModelIdentifier: aws.String("arn:aws:bedrock:us-west-2::foundation-model/anthropic.test-on-demand"),
	})
	if err != nil {
		t.Fatal(err)
	}
	d := out.ModelDetails
	want := summary{
		ID: onDemand, Arn: "arn:aws:bedrock:us-west-2::foundation-model/" + onDemand, Name: "Test On Demand",
		Provider: "Anthropic", Inference: []types.InferenceType{"ON_DEMAND"},
		Status: types.FoundationModelLifecycleStatusActive, Streaming: true,
		In: []types.ModelModality{"TEXT", "IMAGE"}, Out: []types.ModelModality{"TEXT"},
	}
	got := summary{
		ID: aws.ToString(d.ModelId), Arn: aws.ToString(d.ModelArn), Name: aws.ToString(d.ModelName),
		Provider: aws.ToString(d.ProviderName), Inference: d.InferenceTypesSupported,
		Status: d.ModelLifecycle.Status, Streaming: aws.ToBool(d.ResponseStreamingSupported),
		In: d.InputModalities, Out: d.OutputModalities,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("details (-want +got):\n%s", diff)
	}

	for _, tt := range []struct{ id, msg string }{
		{"anthropic.claude-3-7-sonnet-20250219-v1:0", "This model version has reached the end of its life. Please refer to the AWS documentation for more details."},
		{"anthropic.claude-nope", "Could not resolve the foundation model from the provided model identifier."},
		{sonnet45, "Could not resolve the foundation model from the provided model identifier."},
	} {
		t.Run(tt.id, func(t *testing.T) {
			_, err := client.GetFoundationModel(context.Background(), &bedrock.GetFoundationModelInput{ModelIdentifier: aws.String(tt.id)})
			var nf *types.ResourceNotFoundException
			if !errors.As(err, &nf) {
				t.Fatalf("error %v, want *types.ResourceNotFoundException", err)
			}
			if diff := cmp.Diff(apiFailure{404, "ResourceNotFoundException", tt.msg}, failureOf(t, err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
