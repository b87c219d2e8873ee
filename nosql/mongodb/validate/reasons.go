package main

import (
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// rule is one entry of errInfo.details.schemaRulesNotSatisfied, the explanation
// MongoDB (5.0 and later) attaches to a DocumentValidationFailure.
type rule struct {
	OperatorName      string   `bson:"operatorName"`
	Reason            string   `bson:"reason"`
	MissingProperties []string `bson:"missingProperties"`
	Properties        []struct {
		PropertyName string `bson:"propertyName"`
		Details      []rule `bson:"details"`
	} `bson:"propertiesNotSatisfied"`
}

// reasons turns the errInfo of a validation failure into one line:
// "email: pattern (regular expression did not match); required: missing [email]".
func reasons(errInfo bson.Raw) string {
	var info struct {
		Details struct {
			Rules []rule `bson:"schemaRulesNotSatisfied"`
		} `bson:"details"`
	}
	if err := bson.Unmarshal(errInfo, &info); err != nil || len(info.Details.Rules) == 0 {
		return "the server gave no details"
	}
	var parts []string
	for _, r := range info.Details.Rules {
		switch {
		case r.OperatorName == "required":
			parts = append(parts, fmt.Sprintf("required: missing %v", r.MissingProperties))
		case len(r.Properties) > 0:
			for _, p := range r.Properties {
				for _, d := range p.Details {
					parts = append(parts, fmt.Sprintf("%s: %s (%s)", p.PropertyName, d.OperatorName, d.Reason))
				}
			}
		default:
			parts = append(parts, fmt.Sprintf("%s (%s)", r.OperatorName, r.Reason))
		}
	}
	return strings.Join(parts, "; ")
}
